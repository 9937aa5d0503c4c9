// DigitNet: a small CNN library (tensors, layers, backprop, optimizers, safetensors).
