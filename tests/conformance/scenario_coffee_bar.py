# A coffee bar served by two baristas, scheduled by hand.
#
# Each order is a generator that yields how long its next step takes; a tiny
# round-robin scheduler with a virtual clock runs them. This is what asyncio does
# for you: once Loopscope's runtime has asyncio, the same story is three lines of
# `await asyncio.sleep(...)` and the timeline draws itself.

N_ORDERS = 5      # param 1..20  number of orders
BARISTAS = 2      # param 1..5   orders prepared at once

MENU = {
    "espresso": [("grind", 0.5), ("pull", 1.0)],
    "latte": [("grind", 0.5), ("pull", 1.0), ("steam milk", 1.5)],
    "tea": [("boil water", 2.0), ("steep", 3.0)],
}


class Order:
    def __init__(self, number, drink):
        self.number = number
        self.drink = drink
        self.started = None
        self.finished = None

    def __repr__(self):
        return f"Order({self.number}, {self.drink!r})"

    def steps(self):
        """Yield the duration of each preparation step."""
        for name, seconds in MENU[self.drink]:
            yield name, seconds


class Bar:
    def __init__(self, baristas):
        self.baristas = baristas
        self.clock = 0.0
        self.log = []

    def say(self, text):
        line = f"[{self.clock:5.1f}s] {text}"
        self.log.append(line)
        print(line)

    def serve(self, orders):
        waiting = list(orders)
        # Each working slot: [order, step iterator, time its current step ends]
        working = []
        while waiting or working:
            while waiting and len(working) < self.baristas:
                order = waiting.pop(0)
                order.started = self.clock
                working.append([order, order.steps(), self.clock])
                self.say(f"start  #{order.number} {order.drink}")
            working.sort(key=lambda slot: (slot[2], slot[0].number))
            slot = working[0]
            self.clock = max(self.clock, slot[2])
            order, steps, _ = slot
            step = next(steps, None)
            if step is None:
                order.finished = self.clock
                working.remove(slot)
                self.say(f"done   #{order.number} {order.drink} "
                         f"(waited {order.started:.1f}s, took {order.finished - order.started:.1f}s)")
                continue
            name, seconds = step
            slot[2] = self.clock + seconds
            self.say(f"       #{order.number} {name} for {seconds}s")


drinks = list(MENU)
orders = [Order(i + 1, drinks[(i * 2) % len(drinks)]) for i in range(N_ORDERS)]
print("orders:", orders)
bar = Bar(BARISTAS)
bar.serve(orders)

total = sum(o.finished - o.started for o in orders)
slowest = max(orders, key=lambda o: o.finished - o.started)
print(f"all {len(orders)} orders served by {BARISTAS} baristas in {bar.clock:.1f}s")
print(f"average preparation {total / len(orders):.2f}s, slowest: #{slowest.number} {slowest.drink}")
