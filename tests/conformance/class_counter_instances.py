# Class-level registries and per-instance ids.
class Ticket:
    next_id = 1
    issued = []
    def __init__(self, owner):
        self.id = Ticket.next_id
        Ticket.next_id += 1
        self.owner = owner
        Ticket.issued.append(self)
    def __repr__(self):
        return f"<Ticket #{self.id} {self.owner}>"

for name in ["ann", "bob", "cy"]:
    Ticket(name)
print(Ticket.issued)
print(Ticket.next_id, len(Ticket.issued))
print([t.owner for t in Ticket.issued if t.id % 2])
