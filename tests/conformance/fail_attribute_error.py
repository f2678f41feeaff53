# An uncaught AttributeError on a user object.
class Account:
    def __init__(self, owner):
        self.owner = owner
        self.balance = 0

acct = Account("ann")
print(acct.owner, acct.balance)
acct.deposit(10)
