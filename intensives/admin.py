# An intensive's guides are the therapist's writing for one couple: staff pages never
# show it, so nothing here is registered in the admin.
