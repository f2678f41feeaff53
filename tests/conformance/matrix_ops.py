# Matrix arithmetic with nested lists.
def mat_mul(a, b):
    return [[sum(a[i][k] * b[k][j] for k in range(len(b))) for j in range(len(b[0]))] for i in range(len(a))]

def transpose(m):
    return [list(row) for row in zip(*m)]

def identity(n):
    return [[1 if i == j else 0 for j in range(n)] for i in range(n)]

def mat_pow(m, p):
    result = identity(len(m))
    while p:
        if p % 2:
            result = mat_mul(result, m)
        m = mat_mul(m, m)
        p //= 2
    return result

def show(m):
    for row in m:
        print(" ".join(f"{v:6}" for v in row))

a = [[1, 2, 3], [4, 5, 6]]
b = [[7, 8], [9, 10], [11, 12]]
show(mat_mul(a, b))
show(transpose(a))
fib = mat_pow([[1, 1], [1, 0]], 50)
print(fib[0][1])
print(mat_mul(identity(3), [[1.5], [2.5], [-1.0]]))
det2 = lambda m: m[0][0] * m[1][1] - m[0][1] * m[1][0]
print(det2([[3, 8], [4, 6]]), det2(mat_mul([[1, 2], [3, 4]], [[0, 1], [1, 0]])))
