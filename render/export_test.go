package render

// IsPrepend lets the external tests drop what the layout drops.
var IsPrepend = isPrepend

// WrapCell lets the external tests wrap as a table cell wraps.
var WrapCell = wrapCell
