"""The project's own date formats, per language, where they differ from Django's.

Templates and code name the formats (`date:"DATE_FORMAT"`, `date_format(value,
"MONTH_DAY_FORMAT")`) rather than spelling them out, so each language writes dates its
own way: "6 December 2026" here, "6 de diciembre de 2026" in Spanish (Django's own).
"""
