package org.openchakra.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.DeserializationFeature;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openchakra.client.ApiException;
import org.openchakra.client.api.ChatApi;
import org.openchakra.client.api.OnboardingApi;
import org.openchakra.client.api.ProcedureApi;
import org.openchakra.client.api.ProcessApi;
import org.openchakra.client.api.UserApi;
import org.openchakra.client.api.WhatsappPluginApi;
import org.openchakra.client.api.WhatsappSandboxApi;
import org.openchakra.client.model.Chat;
import org.openchakra.client.model.ChatMessage;
import org.openchakra.client.model.CreatedTeam;
import org.openchakra.client.model.ErrorAnswer;
import org.openchakra.client.model.ErrorDetail;
import org.openchakra.client.model.MessageQuery;
import org.openchakra.client.model.NewAdminUser;
import org.openchakra.client.model.NewAttribute;
import org.openchakra.client.model.NewPlugin;
import org.openchakra.client.model.NewProcedure;
import org.openchakra.client.model.NewProcess;
import org.openchakra.client.model.NewState;
import org.openchakra.client.model.NewTeam;
import org.openchakra.client.model.NewUser;
import org.openchakra.client.model.Procedure;
import org.openchakra.client.model.Process;
import org.openchakra.client.model.ProcessChange;
import org.openchakra.client.model.ProcessListWithHasMoreAnswer;
import org.openchakra.client.model.ProcessQuery;
import org.openchakra.client.model.ProcessWithCreatedMetaAnswer;
import org.openchakra.client.model.SimulatedInbound;
import org.openchakra.client.model.User;
import org.openchakra.client.model.WhatsappPlugin;
import org.openchakra.support.IntegrationTest;

/**
 * The OpenAPI document can generate a working client: api-client/ generates a Java client from
 * docs/openapi.json (which {@link OpenApiDocumentTest} holds to /v3/api-docs), and this calls the server with it
 * over HTTP as an integrator would. Its mapper refuses unknown fields, so every answer it reads is fully described.
 */
class GeneratedClientTest extends IntegrationTest {

    private org.openchakra.client.ApiClient client(String token) {
        org.openchakra.client.ApiClient client = new org.openchakra.client.ApiClient();
        client.updateBaseUri("http://localhost:" + port);
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        client.getObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
        return client;
    }

    private CreatedTeam newTeamThroughTheClient() throws ApiException {
        String shortName = "gen-" + UUID.randomUUID().toString().substring(0, 8);
        CreatedTeam created = new OnboardingApi(client(OPERATOR_TOKEN))
                .createTeam(new NewTeam()
                        .name("Generated " + shortName)
                        .shortName(shortName)
                        .timezone("+0530")
                        .defaultCountryCode("91")
                        .admin(new NewAdminUser().username("owner").email("owner@" + shortName + ".example")))
                .getData();
        assertThat(created.getTeam().getShortName()).isEqualTo(shortName);
        assertThat(created.getToken().getToken()).startsWith("ock_");
        return created;
    }

    @Test
    void aGeneratedClientMakesATeamItsUsersAProcedureAndProcesses() throws ApiException {
        CreatedTeam team = newTeamThroughTheClient();
        var admin = client(team.getToken().getToken());

        UserApi users = new UserApi(admin);
        User agent = users.createUser(
                        new NewUser().username("agent1").role("agent").email("agent1@example.com"))
                .getData();
        assertThat(users.listUsers().getData())
                .extracting(User::getUsername)
                .containsExactlyInAnyOrder("owner", "agent1");
        assertThat(agent.getPrimaryEmail().getEmail()).isEqualTo("agent1@example.com");
        assertThat(agent.getDob()).isZero();

        Procedure ticket = new ProcedureApi(admin)
                .createProcedure(new NewProcedure()
                        .shortId("ticket")
                        .name("Ticket")
                        .attributes(List.of(
                                new NewAttribute()
                                        .shortId("subject")
                                        .type("string")
                                        .required(true),
                                new NewAttribute().shortId("priority").type("integer")))
                        .states(List.of(new NewState().shortId("NEW"), new NewState().shortId("SOLVED")))
                        .completedState("SOLVED")
                        .primaryIdentifier("subject"))
                .getData();
        assertThat(ticket.getStartState()).isEqualTo("NEW");
        assertThat(ticket.getAttributes()).extracting("shortId").containsExactly("subject", "priority");

        ProcessApi processes = new ProcessApi(admin);
        ProcessWithCreatedMetaAnswer created = processes.createProcess(
                "ticket",
                new NewProcess()
                        .data(Map.of("subject", "Printer on fire", "priority", "2"))
                        .assignedTo("agent1"));
        Process process = created.getData();
        assertThat(process.getState()).isEqualTo("NEW");
        assertThat(process.getStatus()).isEqualTo(Process.StatusEnum.OPEN);
        assertThat(process.getData()).containsEntry("priority", 2);
        assertThat(process.getAssignedTo()).isEqualTo(agent.getId());
        assertThat(created.getMeta().getMerged()).isNull();

        Process solved = processes
                .updateProcess("ticket", process.getId(), new ProcessChange().state("SOLVED"))
                .getData();
        assertThat(solved.getStatus()).isEqualTo(Process.StatusEnum.COMPLETED);

        ProcessListWithHasMoreAnswer page = processes.listProcesses(
                "ticket", new ProcessQuery().where(Map.of("priority", 2)).limit(10));
        assertThat(page.getData()).extracting(Process::getId).containsExactly(process.getId());
        assertThat(page.getMeta().getHasMore()).isFalse();
    }

    @Test
    void aLeadWithAKnownPhoneNumberIsMergedAndTheMetaSaysSo() throws ApiException {
        ProcessApi processes =
                new ProcessApi(client(newTeamThroughTheClient().getToken().getToken()));
        Process first = processes
                .createProcess("lead", new NewProcess().data(Map.of("name", "Asha", "phone_number", "+91 99110 22334")))
                .getData();
        assertThat(first.getData())
                .containsEntry("phone_number", "919911022334")
                .containsEntry("lead_id", "LEAD-000001");

        ProcessWithCreatedMetaAnswer again = processes.createProcess(
                "lead", new NewProcess().data(Map.of("phone_number", "9911022334", "email", "asha@example.com")));
        assertThat(again.getMeta().getMerged()).isTrue();
        assertThat(again.getData().getId()).isEqualTo(first.getId());
    }

    @Test
    void aRefusalReachesTheClientAsTheErrorEnvelopeNamingEveryBadField() throws Exception {
        var admin = client(newTeamThroughTheClient().getToken().getToken());
        ApiException refused = catchThrowableOfType(
                ApiException.class,
                () -> new ProcessApi(admin)
                        .createProcess("lead", new NewProcess().data(Map.of("email", "not-an-email", "score", 1))));

        assertThat(refused.getCode()).isEqualTo(400);
        ErrorAnswer error = admin.getObjectMapper().readValue(refused.getResponseBody(), ErrorAnswer.class);
        assertThat(error.getErrors()).hasSize(2);
        assertThat(error.getMessage()).isEqualTo(error.getErrors().get(0));
        assertThat(error.getErrorDetails())
                .extracting(ErrorDetail::getField)
                .containsExactlyInAnyOrder("data.email", "data.score");
        assertThat(error.getErrorDetails()).extracting(ErrorDetail::getCode).containsOnly("VALIDATION_FAILED");
    }

    @Test
    void aSandboxPluginReceivesACustomerMessageThatTheChatsShow() throws ApiException {
        var admin = client(newTeamThroughTheClient().getToken().getToken());
        WhatsappPlugin plugin = new WhatsappPluginApi(admin)
                .createWhatsappPlugin(new NewPlugin().name("Sandbox").mode(NewPlugin.ModeEnum.SANDBOX))
                .getData();
        assertThat(plugin.getWabas().get(0).getPhoneNumbers()).isNotEmpty();

        new WhatsappSandboxApi(admin)
                .simulateInboundMessage(
                        plugin.getId(),
                        new SimulatedInbound().from("919876543210").name("Ravi").text("Hello there"));

        ChatApi chats = new ChatApi(admin);
        Chat chat = await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> chats.listChats(new org.openchakra.client.model.ChatQuery())
                                .getData(),
                        list -> !list.isEmpty())
                .get(0);
        assertThat(chat.getContactIdentifier()).isEqualTo("919876543210");
        assertThat(chat.getContactName()).isEqualTo("Ravi");
        List<ChatMessage> messages =
                chats.listChatMessages(chat.getId(), new MessageQuery()).getData();
        assertThat(messages).extracting(ChatMessage::getText).containsExactly("Hello there");
        assertThat(messages.get(0).getDirection()).isEqualTo(ChatMessage.DirectionEnum.INBOUND);
    }
}
