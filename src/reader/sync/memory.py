"""The peak memory of a sync's processes, for its report and the benchmark."""

import sys


def peak_rss_kb() -> int:
    """The largest resident size this process has reached, in KiB (0 where unknown)."""
    if sys.platform == "win32":  # pragma: no cover - no resource module there
        return 0
    import resource  # noqa: PLC0415 - POSIX only

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak // 1024 if sys.platform == "darwin" else peak  # bytes there, KiB here
