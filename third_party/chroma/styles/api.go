package styles

import (
	"embed"
	"io/fs"
	"sort"
	"sync"

	"github.com/alecthomas/chroma/v2"
)

//go:embed *.xml
var embedded embed.FS

// sokbo patch: the embedded styles are parsed on first use, not at init.
// Parsing the 70 XML styles took 6–8 ms of every process start. Get,
// Names and Register load them first, so a program that reads Registry
// directly sees them once any of those has run. Register loads them too,
// so that glamour, which checks Registry and then calls Register under
// its own lock, does every write to the map under that lock.
var (
	// Registry of Styles.
	Registry = map[string]*chroma.Style{}
	// Fallback style. Reassign to change the default fallback style. It is
	// set when the embedded styles are loaded.
	Fallback *chroma.Style
	loadOnce sync.Once
)

func load() {
	loadOnce.Do(func() {
		files, err := fs.ReadDir(embedded, ".")
		if err != nil {
			panic(err)
		}
		for _, file := range files {
			if file.IsDir() {
				continue
			}
			r, err := embedded.Open(file.Name())
			if err != nil {
				panic(err)
			}
			style, err := chroma.NewXMLStyle(r)
			if err != nil {
				panic(err)
			}
			if _, ok := Registry[style.Name]; !ok {
				Registry[style.Name] = style
			}
			_ = r.Close()
		}
		if Fallback == nil {
			Fallback = Registry["swapoff"]
		}
	})
}

// Register a chroma.Style.
func Register(style *chroma.Style) *chroma.Style {
	load()
	Registry[style.Name] = style
	return style
}

// Names of all available styles.
func Names() []string {
	load()
	out := []string{}
	for name := range Registry {
		out = append(out, name)
	}
	sort.Strings(out)
	return out
}

// Get named style, or Fallback.
func Get(name string) *chroma.Style {
	load()
	if style, ok := Registry[name]; ok {
		return style
	}
	return Fallback
}
