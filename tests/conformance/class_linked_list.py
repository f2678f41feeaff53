# A linked list class with __len__, __iter__, __repr__ and __eq__.
class Node:
    def __init__(self, value, next=None):
        self.value = value
        self.next = next

class LinkedList:
    def __init__(self, items=()):
        self.head = None
        self.size = 0
        for item in reversed(list(items)):
            self.push(item)
    def push(self, value):
        self.head = Node(value, self.head)
        self.size += 1
    def pop(self):
        if self.head is None:
            raise IndexError("pop from empty LinkedList")
        node = self.head
        self.head = node.next
        self.size -= 1
        return node.value
    def __len__(self):
        return self.size
    def __iter__(self):
        node = self.head
        while node:
            yield node.value
            node = node.next
    def __repr__(self):
        return "LinkedList([" + ", ".join(repr(v) for v in self) + "])"
    def __eq__(self, other):
        return list(self) == list(other)
    def reverse(self):
        prev = None
        node = self.head
        while node:
            node.next, prev, node = prev, node, node.next
        self.head = prev

ll = LinkedList([1, 2, 3])
print(ll, len(ll))
ll.push(0)
print(ll, list(ll), sum(ll))
ll.reverse()
print(ll)
print(ll.pop(), ll.pop(), ll, len(ll))
print(ll == LinkedList([1, 0]), ll == LinkedList([0, 1]))
empty = LinkedList()
print(empty, len(empty), bool(empty))
try:
    empty.pop()
except IndexError as e:
    print("IndexError:", e)
