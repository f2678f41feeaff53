# pass as a placeholder in every kind of block.
def todo():
    pass

class Empty:
    pass

for i in range(3):
    pass
print(i)
if True:
    pass
else:
    pass
while False:
    pass
try:
    pass
except Exception:
    pass
finally:
    pass
print(todo(), type(Empty()).__name__)
class WithDoc:
    """Only a docstring."""
print(WithDoc.__doc__)
def only_doc():
    "Docstring body."
print(only_doc(), only_doc.__doc__)
