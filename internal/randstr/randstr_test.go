package randstr

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAlnum(t *testing.T) {
	for _, n := range []int{0, 1, 16, 32, 100} {
		s, err := Alnum(n)
		require.NoError(t, err)
		assert.Len(t, s, n)
		for _, c := range s {
			assert.Contains(t, alnum, string(c), "only a-zA-Z0-9")
		}
	}
}

func TestAlnumDiffers(t *testing.T) {
	seen := map[string]bool{}
	for range 100 {
		s, err := Alnum(16)
		require.NoError(t, err)
		assert.False(t, seen[s], "a 16-character string repeated")
		seen[s] = true
	}
}

func TestAlnumUsesEveryCharacter(t *testing.T) {
	s, err := Alnum(20000)
	require.NoError(t, err)
	counts := map[rune]int{}
	for _, c := range s {
		counts[c]++
	}
	assert.Len(t, counts, len(alnum), "every character of the alphabet appears")
}
