# An uncaught user-defined exception.
class ValidationError(Exception):
    pass

def validate(age):
    if age < 0:
        raise ValidationError(f"age must be >= 0, got {age}")
    return age

for a in [30, 0, -4]:
    print("valid:", validate(a))
