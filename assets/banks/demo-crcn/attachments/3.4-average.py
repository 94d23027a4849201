scores = [12, 15, 9, 18, 11]


def average(values):
    total = 0
    for i in range(1, len(values)):
        total = total + values[i]
    return total / len(values)


print(average(scores))
