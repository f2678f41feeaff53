# Lists: literals, indexing, nesting, mutation.
empty = []
nums = [3, 1, 4, 1, 5]
mixed = [1, "two", 3.0, None, True, [5, 6], (7,), {"k": 8}]
print(empty, nums, mixed)
print(len(empty), len(nums), len(mixed), nums[0], nums[-1], mixed[5][1], mixed[7]["k"])
nums[0] = 30
nums[-1] += 10
print(nums)
matrix = [[1, 2, 3], [4, 5, 6]]
matrix[1][0] = 40
print(matrix, matrix[1], len(matrix[0]))
print(list(), list("abc"), list(range(3)), list((1, 2)), list({"a": 1, "b": 2}))
try:
    nums[10]
except IndexError as e:
    print("IndexError:", e)
try:
    nums[10] = 1
except IndexError as e:
    print("IndexError:", e)
try:
    nums["0"]
except TypeError as e:
    print("TypeError:", e)
try:
    nums[1.0]
except TypeError as e:
    print("TypeError:", e)
print([[]] * 3, [0] * 5, [1, 2] * 2, 2 * ["x"])
