package render

// IsPrepend lets the external tests drop what the layout drops.
var IsPrepend = isPrepend
