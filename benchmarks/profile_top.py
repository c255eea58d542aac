"""Sum py-spy's collapsed stacks (``benchmarks.run --profile PATH``): where the app's time went.

``python -m benchmarks.profile_top PATH.txt [N]`` prints the N frames with the most
samples on the stack ("total") and as the innermost frame ("self"), in this project's
and its libraries' code, each as a share of all samples.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path


def summarise(text: str) -> tuple[int, Counter[str], Counter[str]]:
    total: Counter[str] = Counter()
    own: Counter[str] = Counter()
    samples = 0
    for line in text.splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack or not count.isdigit():
            continue
        n = int(count)
        frames = [f for f in stack.split(";") if f and not f.startswith("process ")]
        samples += n
        for frame in set(frames):
            total[frame] += n
        if frames:
            own[frames[-1]] += n
    return samples, total, own


def main() -> None:
    path = Path(sys.argv[1])
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 30
    samples, total, own = summarise(path.read_text(errors="replace"))
    for title, counter in (("total (on the stack)", total), ("self (innermost)", own)):
        print(f"## {title}, {samples} samples")
        for frame, n in counter.most_common(top):
            print(f"{100 * n / max(samples, 1):5.1f} %  {frame}")


if __name__ == "__main__":
    main()
