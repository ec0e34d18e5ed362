# Nothing here is registered in the admin on purpose: a letter's draft is its author's
# alone, and staff pages must never show what people wrote.
