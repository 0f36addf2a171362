# The README's Python example, run by PythonExampleTest against a running Portolan (PORTOLAN_URL) with the client
# the build generates (openapi-generator python, package portolan_client, on PYTHONPATH).
import os

import portolan_client as pc

with pc.ApiClient(pc.Configuration(host=os.environ.get('PORTOLAN_URL', 'http://localhost:8080'))) as c:
    route = pc.ReadApi(c).describe_http_routes('default', 'timeout-example')
    print(route.effective_timeouts['default/example-gateway'][0].backend_request.value)  # 2s
    print(route.object.spec.rules[0].timeouts.request)  # 10s: spec typed from the HTTPRoute CRD
    page = pc.ReadApi(c).list_http_routes(namespace='default', limit=2)
    print(page.metadata.resource_version, page.metadata.var_continue is not None)  # e.g. 3 True
