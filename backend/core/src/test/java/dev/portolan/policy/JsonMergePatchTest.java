package dev.portolan.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portolan.model.Manifests;
import org.junit.jupiter.api.Test;

/** RFC 7386 behaviour, including examples from the RFC's appendix A. */
class JsonMergePatchTest {

    private static JsonNode json(String text) throws Exception {
        return Manifests.JSON.readTree(text.replace('\'', '"'));
    }

    private static void check(String target, String patch, String expected) throws Exception {
        JsonNode targetNode = json(target);
        JsonNode before = targetNode.deepCopy();
        assertEquals(json(expected), JsonMergePatch.apply(targetNode, json(patch)));
        assertEquals(before, targetNode, "target must not be mutated");
    }

    @Test
    void replacesScalarsAndAddsKeys() throws Exception {
        check("{'a':'b'}", "{'a':'c'}", "{'a':'c'}");
        check("{'a':'b'}", "{'b':'c'}", "{'a':'b','b':'c'}");
    }

    @Test
    void nullDeletesAKey() throws Exception {
        check("{'a':'b','b':'c'}", "{'a':null}", "{'b':'c'}");
        check("{'a':{'b':'c'}}", "{'a':{'b':'d','c':null}}", "{'a':{'b':'d'}}");
    }

    @Test
    void nestedObjectsMergeKeyByKey() throws Exception {
        check("{'x':{'t1':'p','t4':'p'}}", "{'x':{'t4':'c','t2':'c'}}", "{'x':{'t1':'p','t2':'c','t4':'c'}}");
    }

    @Test
    void arraysAndNonObjectsReplaceWhole() throws Exception {
        check("{'a':['b']}", "{'a':'c'}", "{'a':'c'}");
        check("{'a':[{'b':'c'}]}", "{'a':[1]}", "{'a':[1]}");
        check("['a','b']", "['c','d']", "['c','d']");
        check("{'a':'foo'}", "'bar'", "'bar'");
        check("{'e':null}", "{'a':1}", "{'e':null,'a':1}");
        check("[1,2]", "{'a':'b','c':null}", "{'a':'b'}");
    }
}
