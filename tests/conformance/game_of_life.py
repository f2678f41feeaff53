# A few generations of Conway's Game of Life on a small torus.
def step(board):
    h, w = len(board), len(board[0])
    new = []
    for y in range(h):
        row = []
        for x in range(w):
            n = sum(board[(y + dy) % h][(x + dx) % w]
                    for dy in (-1, 0, 1) for dx in (-1, 0, 1) if dy or dx)
            alive = board[y][x]
            row.append(1 if n == 3 or (alive and n == 2) else 0)
        new.append(row)
    return new

def show(board, gen):
    print("generation", gen, "alive", sum(map(sum, board)))
    for row in board:
        print("".join("#" if c else "." for c in row))

board = [[0] * 8 for _ in range(6)]
for y, x in [(0, 1), (1, 2), (2, 0), (2, 1), (2, 2)]:
    board[y][x] = 1
for gen in range(5):
    show(board, gen)
    board = step(board)
