// daprd as Dapr releases it, built with Dapr's own `stablecomponents` flavour,
// plus the one component the project declares that the flavour leaves out:
// SQLite name resolution (dapr/config.yaml), which the self-hosted stack uses
// because multicast DNS does not work on a loopback-only machine. A test
// checks that every component type under components/ and k8s/ is in the flavour or
// registered here.
package main

import (
	"github.com/dapr/components-contrib/nameresolution/sqlite"
	"github.com/dapr/dapr/cmd/daprd/app"
	nameresolution "github.com/dapr/dapr/pkg/components/nameresolution"
)

func init() {
	nameresolution.DefaultRegistry.RegisterComponent(sqlite.NewResolver, "sqlite")
}

func main() {
	app.Run()
}
