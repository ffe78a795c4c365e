import sys
sys.stdout.write("x" * 1048575 + "\n")
