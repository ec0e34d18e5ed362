# Nothing here is registered in the admin on purpose: heads-ups and plans belong to the
# couple, and staff pages must never show what people wrote.
