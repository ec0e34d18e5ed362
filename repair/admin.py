# Nothing here is registered in the admin on purpose: each side of a repair is sealed
# until both partners finish, and staff pages must never show what people wrote.
