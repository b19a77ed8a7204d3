// daprd as Dapr releases it (the runtime of cmd/daprd/app), built with only the
// components the project declares, registered here under the names Dapr's own
// flavours use (cmd/daprd/components): the project's state stores, Kafka
// pub/sub, the environment secret store and SQLite name resolution
// (dapr/config.yaml; multicast DNS does not work on a loopback-only machine),
// plus mDNS, the name resolution a standalone sidecar uses when its
// Configuration names none (the Kubernetes validation runs one so, with the
// cluster's Configuration), and what a sidecar on Kubernetes resolves names
// with by default, the kubernetes name resolution (the cluster tests' node).
// Built without the `allcomponents` / `stablecomponents` tags, so none of the
// cloud SDKs the other components need is compiled: a smaller binary, built in
// a fraction of the time. test/lint/daprd-registers-every-component-the-project-declares
// checks every type under components/ and dapr/ is registered here.
package main

import (
	nrkubernetes "github.com/dapr/components-contrib/nameresolution/kubernetes"
	"github.com/dapr/components-contrib/nameresolution/mdns"
	nrsqlite "github.com/dapr/components-contrib/nameresolution/sqlite"
	"github.com/dapr/components-contrib/pubsub/kafka"
	"github.com/dapr/components-contrib/secretstores/local/env"
	pgv1 "github.com/dapr/components-contrib/state/postgresql/v1"
	pgv2 "github.com/dapr/components-contrib/state/postgresql/v2"
	"github.com/dapr/components-contrib/state/redis"
	"github.com/dapr/components-contrib/state/sqlite"
	"github.com/dapr/dapr/cmd/daprd/app"
	"github.com/dapr/dapr/pkg/components"
	"github.com/dapr/dapr/pkg/components/nameresolution"
	"github.com/dapr/dapr/pkg/components/pubsub"
	"github.com/dapr/dapr/pkg/components/secretstores"
	"github.com/dapr/dapr/pkg/components/state"
)

func init() {
	state.DefaultRegistry.RegisterComponent(redis.NewRedisStateStore, "redis")
	state.DefaultRegistry.RegisterComponent(sqlite.NewSQLiteStateStore, "sqlite", "sqlite3")
	state.DefaultRegistry.RegisterComponentWithVersions("postgresql", components.Versioning{
		Preferred: components.VersionConstructor{Version: "v2", Constructor: pgv2.NewPostgreSQLStateStore},
		Others:    []components.VersionConstructor{{Version: "v1", Constructor: pgv1.NewPostgreSQLStateStore}},
		Default:   "v1",
	})
	pubsub.DefaultRegistry.RegisterComponent(kafka.NewKafka, "kafka")
	secretstores.DefaultRegistry.RegisterComponent(env.NewEnvSecretStore, "local.env")
	nameresolution.DefaultRegistry.RegisterComponent(nrsqlite.NewResolver, "sqlite")
	nameresolution.DefaultRegistry.RegisterComponent(mdns.NewResolver, "mdns")
	nameresolution.DefaultRegistry.RegisterComponent(nrkubernetes.NewResolver, "kubernetes")
}

func main() {
	app.Run()
}
