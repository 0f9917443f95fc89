//! gRPC service code for the Grafana plugin protocol, generated from
//! service descriptions written here (no .proto files, no protoc): the
//! messages are hand-written prost structs in `src/plugin/proto.rs`.

use tonic_build::manual::{Builder, Method, Service};

fn method(
    name: &str,
    route: &str,
    input: &str,
    output: &str,
) -> tonic_build::manual::MethodBuilder {
    Method::builder()
        .name(name)
        .route_name(route)
        .input_type(format!("crate::plugin::proto::{input}"))
        .output_type(format!("crate::plugin::proto::{output}"))
        .codec_path("crate::plugin::codec::SizedProstCodec")
}

fn main() {
    let data = Service::builder()
        .name("Data")
        .package("pluginv2")
        .method(
            method(
                "query_data",
                "QueryData",
                "QueryDataRequest",
                "QueryDataResponse",
            )
            .build(),
        )
        .build();
    let diagnostics = Service::builder()
        .name("Diagnostics")
        .package("pluginv2")
        .method(
            method(
                "check_health",
                "CheckHealth",
                "CheckHealthRequest",
                "CheckHealthResponse",
            )
            .build(),
        )
        .method(
            method(
                "collect_metrics",
                "CollectMetrics",
                "CollectMetricsRequest",
                "CollectMetricsResponse",
            )
            .build(),
        )
        .build();
    let resource = Service::builder()
        .name("Resource")
        .package("pluginv2")
        .method(
            method(
                "call_resource",
                "CallResource",
                "CallResourceRequest",
                "CallResourceResponse",
            )
            .server_streaming()
            .build(),
        )
        .build();
    // go-plugin's controller: Grafana calls Shutdown before killing a plugin.
    let controller = Service::builder()
        .name("GRPCController")
        .package("plugin")
        .method(method("shutdown", "Shutdown", "Empty", "Empty").build())
        .build();
    Builder::new()
        .build_client(true)
        .build_server(true)
        .build_transport(true)
        .compile(&[data, diagnostics, resource, controller]);
    println!("cargo:rerun-if-changed=build.rs");
}
