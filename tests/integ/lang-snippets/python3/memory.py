hog = []
while True:
    hog.append(b"x" * (1 << 20))
