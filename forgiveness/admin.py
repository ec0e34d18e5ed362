# Nothing here is registered in the admin on purpose: the forgiveness space is the hurt
# partner's alone, and staff pages must never show what people wrote.
