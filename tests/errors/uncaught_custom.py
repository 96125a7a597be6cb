class ValidationError(Exception):
    pass
def validate(v):
    if v < 0:
        raise ValidationError(f"negative value: {v}")
    return v
validate(1)
validate(-3)
