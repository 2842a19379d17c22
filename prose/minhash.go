package prose

import (
	"hash/fnv"
	"strings"
)

// SignatureSize is the number of MinHash values in a Signature.
const SignatureSize = 64

// shingleWords is the length of the word shingles compared: long enough
// that two different stories on one topic share few, short enough that a
// copy with other boilerplate shares most.
const shingleWords = 5

// Signature is a MinHash of a text's word shingles: the share of equal
// values between two signatures estimates the Jaccard similarity of their
// shingle sets, which finds the same wire story published by several sites
// with different boilerplate.
type Signature [SignatureSize]uint32

// MinHash computes the signature of a text.
func MinHash(text string) Signature {
	var sig Signature
	for i := range sig {
		sig[i] = ^uint32(0)
	}
	words := strings.Fields(Fold(text))
	if len(words) < shingleWords {
		words = append(words, make([]string, shingleWords-len(words))...)
	}
	for i := 0; i+shingleWords <= len(words); i++ {
		h := fnv.New32a()
		for _, w := range words[i : i+shingleWords] {
			h.Write([]byte(w))
			h.Write([]byte{0})
		}
		x := h.Sum32()
		for j := range sig {
			// One cheap hash per position: x mixed with the position's odd
			// multiplier and offset (a universal hash family).
			v := (x^uint32(j)*0x9E3779B9)*(2*uint32(j)+0x85EBCA6B) + uint32(j)*0xC2B2AE35
			v ^= v >> 16
			if v < sig[j] {
				sig[j] = v
			}
		}
	}
	return sig
}

// Similarity estimates the Jaccard similarity of the texts behind two
// signatures.
func (s Signature) Similarity(o Signature) float64 {
	same := 0
	for i := range s {
		if s[i] == o[i] {
			same++
		}
	}
	return float64(same) / SignatureSize
}
