"""Digital signatures (docs/signing.md). pyHanko imports cryptography's DSA support, which warns
once on import: at the counter and on the command line that would be English lines on stderr."""

import warnings

warnings.filterwarnings("ignore", message="DSA is deprecated")
