# Non-ASCII text: length, indexing, case, repr.
words = ["café", "naïve", "Ünïcödé", "日本語", "emoji 🎉", "Ωmega"]
for w in words:
    print(w, len(w), w[0], w[-1], w.upper(), repr(w))
print("é" == "\u00e9", "€" in "price: 5€", "日本語"[1:], "🎉".join(["a", "b"]))
print(sorted(["é", "e", "z", "a"]), "straße".upper(), "ΣΑΣ".lower())
print("→".center(5, "·"), "ü".rjust(3, "*"))
