# Practices, marks and agenda items belong to the couples and their therapist: staff
# pages never show what people wrote, so nothing here is registered in the admin.
