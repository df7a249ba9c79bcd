"""python -m codegen_bridge: the stream form, as python3 codegen_bridge.py runs it."""
import sys

import codegen_bridge

sys.exit(codegen_bridge.main())
