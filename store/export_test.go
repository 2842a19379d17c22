package store

// Quantize and Dequantize expose the vector encoding to the external tests.
var (
	Quantize   = quantize
	Dequantize = dequantize
)
