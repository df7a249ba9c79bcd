"""python -m codegen_simulator: as python3 codegen_simulator.py runs it."""
import sys

import codegen_simulator

sys.exit(codegen_simulator.main())
