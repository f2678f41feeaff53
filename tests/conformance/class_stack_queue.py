# Stack and queue classes built on lists.
class Stack:
    def __init__(self):
        self._items = []
    def push(self, x):
        self._items.append(x)
    def pop(self):
        return self._items.pop()
    def peek(self):
        return self._items[-1]
    def __len__(self):
        return len(self._items)
    def __repr__(self):
        return "Stack(" + repr(self._items) + ")"

class Queue:
    def __init__(self):
        self._items = []
    def enqueue(self, x):
        self._items.append(x)
    def dequeue(self):
        return self._items.pop(0)
    def __len__(self):
        return len(self._items)

def balanced(text):
    pairs = {")": "(", "]": "[", "}": "{"}
    s = Stack()
    for ch in text:
        if ch in "([{":
            s.push(ch)
        elif ch in pairs:
            if not len(s) or s.pop() != pairs[ch]:
                return False
    return len(s) == 0

s = Stack()
for i in range(4):
    s.push(i * i)
print(s, len(s), s.peek(), s.pop(), s)
q = Queue()
for w in "abc":
    q.enqueue(w)
print(q.dequeue(), q.dequeue(), len(q))
for text in ["([]{})", "([)]", "((", "", "{[()()]}"]:
    print(repr(text), balanced(text))
try:
    Stack().pop()
except IndexError as e:
    print("IndexError:", e)
