"""convarith: convolution arithmetic, drawn as Dumoulin & Visin draw it."""
