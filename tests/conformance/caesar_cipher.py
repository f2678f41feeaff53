# Caesar cipher and a letter-frequency crack, using only str methods and lists.
ALPHABET = "abcdefghijklmnopqrstuvwxyz"

def shift_char(ch, k):
    lower = ch.lower()
    i = ALPHABET.find(lower)
    if i < 0:
        return ch
    out = ALPHABET[(i + k) % 26]
    return out.upper() if ch != lower else out

def encrypt(text, k):
    return "".join(shift_char(c, k) for c in text)

def crack(cipher):
    counts = [0] * 26
    for c in cipher.lower():
        i = ALPHABET.find(c)
        if i >= 0:
            counts[i] += 1
    most = counts.index(max(counts))
    return (most - ALPHABET.find("e")) % 26

msg = "Meet me near the old tree at seven, bring the secret letter!"
for k in [1, 3, 13, 25]:
    c = encrypt(msg, k)
    print(k, c)
    print("  cracked key:", crack(c), "round trip:", encrypt(c, -k) == msg)
