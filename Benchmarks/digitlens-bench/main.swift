import DigitNet
import DigitVision
print("digitlens-bench")
