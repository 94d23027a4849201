import csv


def to_seconds(text):
    minutes, seconds = text.split(":")
    return int(minutes) * 60 + int(seconds)


qualified = 0
with open("3.4-race-times.csv", newline="", encoding="utf-8-sig") as file:
    for row in csv.DictReader(file, delimiter=";"):
        if row["category"] == "junior" and to_seconds(row["time"]) < 600:
            qualified = qualified + 1

print(qualified)
