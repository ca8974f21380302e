package render

import "sokbo/render/lang"

// Thousands writes n with a comma between each group of three digits, as
// Korean news writes counts: 20,000건, 1,240명.
func Thousands(n int) string { return lang.Thousands(n) }
