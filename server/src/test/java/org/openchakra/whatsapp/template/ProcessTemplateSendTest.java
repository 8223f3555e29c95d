package org.openchakra.whatsapp.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openchakra.support.Json.obj;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openchakra.metasim.OutboxEntry;
import org.openchakra.metasim.SandboxTemplates;
import org.openchakra.support.ApiClient;
import org.openchakra.support.Reply;
import org.openchakra.whatsapp.MetaSimulatorTest;
import tools.jackson.databind.JsonNode;

/** Template sends to a process (whatsapp.md §3): its phone, its values, the message linked to it. */
class ProcessTemplateSendTest extends MetaSimulatorTest {

    private Reply sendTo(Connected c, String token, String proc, String process, Object body) {
        return api().post(
                        "/v1/ext/plugin/whatsapp/" + c.pluginId() + "/process/" + proc + "/" + process
                                + "/send-template-message",
                        token,
                        body);
    }

    private static Map<String, Object> orderUpdate(Connected c, String one, String two, String three) {
        return obj(
                "whatsappPhoneNumberId",
                c.phoneNumberId(),
                "templateName",
                SandboxTemplates.ORDER_UPDATE,
                "mapping",
                List.of(
                        obj("schemaPropertyName", "1", "schemaPropertyValue", one),
                        obj("schemaPropertyName", "2", "schemaPropertyValue", two),
                        obj("schemaPropertyName", "3", "schemaPropertyValue", three)));
    }

    private JsonNode newLead(Connected c, String name, String phone) {
        Reply lead = api().post(
                        "/v1/ext/procedure/lead/process",
                        c.team().adminToken(),
                        obj("data", obj("name", name, "phone_number", phone)));
        assertThat(lead.status()).as(lead.toString()).isEqualTo(200);
        return lead.data();
    }

    @Test
    void processValuesFillTheVariablesAndTheMessageIsLinkedToTheProcess() {
        Connected c = connect();
        meta.seedSandboxTemplates(c.wabaId());
        JsonNode lead = newLead(c, "Asha Rao", "98111 44455");
        Reply sent = sendTo(
                c,
                c.team().adminToken(),
                "lead",
                lead.path("id").asString(),
                orderUpdate(c, "{{process.data.name}}", "#{{ process.data.lead_id }}", "{{process.state}} day"));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
        String leadId = lead.path("data").path("lead_id").asString();
        assertThat(sent.data().path("text").asString())
                .isEqualTo("Hi Asha Rao, your order #" + leadId + " has shipped and will arrive on NEW day.");
        assertThat(sent.data().path("process").asString())
                .isEqualTo(lead.path("id").asString());
        assertThat(sent.data().path("procedure").asString())
                .isEqualTo(lead.path("procedure").asString());
        assertThat(sent.data().path("context").path("contactIdentifier").asString())
                .isEqualTo("919811144455");

        OutboxEntry entry = meta.outbox(c.phoneNumberId()).getFirst();
        assertThat(entry.waId()).isEqualTo("919811144455");
        JsonNode parameters = ApiClient.JSON
                .readTree(entry.requestJson())
                .path("template")
                .path("components")
                .get(0)
                .path("parameters");
        assertThat(parameters.get(0).path("text").asString()).isEqualTo("Asha Rao");
        assertThat(parameters.get(1).path("text").asString()).isEqualTo("#" + leadId);

        // By its primary key, as the process paths allow.
        Reply byKey = sendTo(c, c.team().adminToken(), "lead", leadId, orderUpdate(c, "a", "b", "c"));
        assertThat(byKey.status()).as(byKey.toString()).isEqualTo(200);
        assertThat(byKey.data().path("process").asString())
                .isEqualTo(lead.path("id").asString());
    }

    @Test
    void unknownReferencesAndValuesTheProcessLacksAre400() {
        Connected c = connect();
        meta.seedSandboxTemplates(c.wabaId());
        String lead = newLead(c, "Ravi", "9811144466").path("id").asString();
        Reply unknownAttribute =
                sendTo(c, c.team().adminToken(), "lead", lead, orderUpdate(c, "{{process.data.nickname}}", "b", "c"));
        assertThat(unknownAttribute.status()).as(unknownAttribute.toString()).isEqualTo(400);
        assertThat(unknownAttribute.firstError()).contains("{{process.data.nickname}}");
        Reply unknownField =
                sendTo(c, c.team().adminToken(), "lead", lead, orderUpdate(c, "{{process.colour}}", "b", "c"));
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(unknownField.firstError()).contains("{{process.colour}}");
        Reply noValue =
                sendTo(c, c.team().adminToken(), "lead", lead, orderUpdate(c, "{{process.data.email}}", "b", "c"));
        assertThat(noValue.status()).isEqualTo(400);
        assertThat(noValue.firstError()).contains("no value").contains("email");
        assertThat(meta.outbox(c.phoneNumberId())).isEmpty();
    }

    @Test
    void aProcessWithoutAPhoneIsA400() {
        Connected c = connect();
        meta.seedSandboxTemplates(c.wabaId());
        Reply lead = api().post(
                        "/v1/ext/procedure/lead/process", c.team().adminToken(), obj("data", obj("name", "No phone")));
        assertThat(lead.status()).as(lead.toString()).isEqualTo(200);
        Reply noPhone = sendTo(
                c, c.team().adminToken(), "lead", lead.data().path("id").asString(), orderUpdate(c, "a", "b", "c"));
        assertThat(noPhone.status()).as(noPhone.toString()).isEqualTo(400);
        assertThat(noPhone.firstError()).contains("phone_number");

        Reply procedure = api().post(
                        "/v1/admin/procedures",
                        c.team().adminToken(),
                        obj(
                                "shortId",
                                "ticket",
                                "name",
                                "Ticket",
                                "attributes",
                                List.of(obj("shortId", "subject", "type", "string")),
                                "states",
                                List.of(obj("shortId", "OPEN_T"))));
        assertThat(procedure.status()).as(procedure.toString()).isEqualTo(200);
        Reply ticket = api().post(
                        "/v1/ext/procedure/ticket/process", c.team().adminToken(), obj("data", obj("subject", "Help")));
        assertThat(ticket.status()).as(ticket.toString()).isEqualTo(200);
        Reply noAttribute = sendTo(
                c, c.team().adminToken(), "ticket", ticket.data().path("id").asString(), orderUpdate(c, "a", "b", "c"));
        assertThat(noAttribute.status()).as(noAttribute.toString()).isEqualTo(400);
        assertThat(noAttribute.firstError()).contains("primaryPhoneAttribute");
        assertThat(meta.outbox(c.phoneNumberId())).isEmpty();
    }

    @Test
    void anotherTeamCanNeitherSendToTheProcessNorThroughThePlugin() {
        Connected owner = connect();
        meta.seedSandboxTemplates(owner.wabaId());
        String lead = newLead(owner, "Mine", "9811144477").path("id").asString();
        Connected other = connect();
        meta.seedSandboxTemplates(other.wabaId());
        Reply viaOwnersPlugin =
                sendTo(owner, other.team().adminToken(), "lead", lead, orderUpdate(owner, "a", "b", "c"));
        assertThat(viaOwnersPlugin.status()).as(viaOwnersPlugin.toString()).isEqualTo(404);
        Reply viaOwnPlugin = sendTo(other, other.team().adminToken(), "lead", lead, orderUpdate(other, "a", "b", "c"));
        assertThat(viaOwnPlugin.status()).as(viaOwnPlugin.toString()).isEqualTo(404);
        assertThat(meta.outbox(owner.phoneNumberId())).isEmpty();
        assertThat(meta.outbox(other.phoneNumberId())).isEmpty();
    }
}
