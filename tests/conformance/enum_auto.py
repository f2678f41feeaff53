# enum.auto numbering and enums in state machines.
from enum import Enum, auto

class State(Enum):
    IDLE = auto()
    RUNNING = auto()
    PAUSED = auto()
    STOPPED = auto()

print([(s.name, s.value) for s in State])
print(repr(State.PAUSED), State(2))

TRANSITIONS = {
    State.IDLE: [State.RUNNING],
    State.RUNNING: [State.PAUSED, State.STOPPED],
    State.PAUSED: [State.RUNNING, State.STOPPED],
    State.STOPPED: [],
}

def step(state, target):
    if target in TRANSITIONS[state]:
        print(state.name, "->", target.name)
        return target
    print("invalid:", state.name, "->", target.name)
    return state

s = State.IDLE
for t in [State.RUNNING, State.IDLE, State.PAUSED, State.RUNNING, State.STOPPED, State.RUNNING]:
    s = step(s, t)
print("final", s)

class Mixed(Enum):
    A = 10
    B = auto()
    C = auto()
print([m.value for m in Mixed])
