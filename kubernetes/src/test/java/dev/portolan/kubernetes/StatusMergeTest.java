package dev.portolan.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portolan.model.Manifests;
import org.junit.jupiter.api.Test;

class StatusMergeTest {
    private static final String OURS = "portolan.dev/gateway-controller";

    private static ObjectNode json(String text) throws Exception {
        return (ObjectNode) Manifests.JSON.readTree(text.replace('\'', '"'));
    }

    @Test
    void otherControllersParentsSurviveAndOursAreReplaced() throws Exception {
        ObjectNode desired = json("{'parents':[{'controllerName':'" + OURS + "','parentRef':{'name':'gw'},'n':2},"
                + "{'controllerName':'other.io/c','parentRef':{'name':'stale'}}]}");
        ObjectNode server = json("{'parents':[{'controllerName':'other.io/c','parentRef':{'name':'theirs'}},"
                + "{'controllerName':'" + OURS + "','parentRef':{'name':'gw'},'n':1}]}");
        ObjectNode merged = StatusMerge.merge(desired, server, OURS);
        assertEquals(json("{'parents':[{'controllerName':'" + OURS + "','parentRef':{'name':'gw'},'n':2},"
                + "{'controllerName':'other.io/c','parentRef':{'name':'theirs'}}]}"), merged);
    }

    @Test
    void clearingOurStatusKeepsForeignAncestors() throws Exception {
        ObjectNode server = json("{'ancestors':[{'controllerName':'other.io/c','ancestorRef':{'name':'x'}},"
                + "{'controllerName':'" + OURS + "','ancestorRef':{'name':'gw'}}]}");
        ObjectNode merged = StatusMerge.merge(Manifests.JSON.createObjectNode(), server, OURS);
        assertEquals(json("{'ancestors':[{'controllerName':'other.io/c','ancestorRef':{'name':'x'}}]}"), merged);
    }

    @Test
    void statusWithoutSharedListsIsUntouched() throws Exception {
        ObjectNode desired = json("{'conditions':[{'type':'Accepted','status':'True'}]}");
        ObjectNode merged = StatusMerge.merge(desired, null, OURS);
        assertEquals(desired, merged);
        assertFalse(merged.has("parents"));
    }
}
