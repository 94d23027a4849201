total = 0
for i in range(1, 6):
    if i % 2 == 0:
        total = total + i * 10
    else:
        total = total - i
print(total)
