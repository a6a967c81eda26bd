// The automation rules a head or admin sees, with links to edit each and to its run log.
import { useState } from "preact/hooks";
import { call, client, type Schemas } from "../../api/client";
import type { ScreenProps } from "../../app/routes";
import { useMessages } from "../../i18n/i18n";
import { describeError } from "../../ui/errors";
import { headsAndAdmins, Restricted } from "../../ui/Restricted";
import { useLoad } from "../../ui/useLoad";
import { AutomationNav } from "./AutomationNav";
import { messages } from "./messages";

type Rule = Schemas["AutomationRule"];

export function Rules({ session }: ScreenProps) {
  return (
    <Restricted session={session} roles={headsAndAdmins}>
      <RuleList />
    </Restricted>
  );
}

function RuleList() {
  const t = useMessages(messages);
  const rules = useLoad(
    () => call(client.GET("/api/v1/automation/rules", { params: { query: { limit: 200 } } })),
    [],
  );
  const [status, setStatus] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  // Switches a rule on or off from the list (a switched-on rule fires for events from now on).
  const toggle = async (rule: Rule) => {
    setProblem(null);
    try {
      await call(
        client.PATCH("/api/v1/automation/rules/{id}", {
          params: { path: { id: rule.id } },
          // The generated type makes the keys with a default required: delay goes along unchanged.
          body: { enabled: !rule.enabled, delay: rule.delay },
        }),
      );
      setStatus(t(rule.enabled ? "ruleDisabled" : "ruleEnabled", { name: rule.name }));
      rules.reload();
    } catch (e) {
      setProblem(`${rule.name}: ${describeError(e)}`);
    }
  };
  return (
    <section class="admin-screen">
      <h1>{t("title")}</h1>
      <AutomationNav current="rules" />
      <p class="status" role="status" aria-live="polite">
        {status}
      </p>
      <p>
        <a class="button" href="/automation/rules/new">
          {t("newRule")}
        </a>
      </p>
      {(rules.error || problem) && (
        <p class="error" role="alert">
          {rules.error ?? problem}
        </p>
      )}
      {rules.data &&
        (rules.data.items.length === 0 ? (
          <p class="empty">{t("noRules")}</p>
        ) : (
          <table class="data">
            <caption class="visually-hidden">{t("rules")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("name")}</th>
                <th scope="col">{t("recordType")}</th>
                <th scope="col">{t("trigger")}</th>
                <th scope="col">{t("state")}</th>
                <th scope="col">{t("runLog")}</th>
              </tr>
            </thead>
            <tbody>
              {rules.data.items.map((rule) => (
                <tr key={rule.id}>
                  <td>
                    <a href={`/automation/rules/${rule.id}`}>{rule.name}</a>
                  </td>
                  <td>{t(`type_${rule.record_type}`)}</td>
                  <td>{t(`trigger_${rule.trigger.type}`)}</td>
                  <td>
                    {rule.enabled ? t("enabled") : t("disabled")}{" "}
                    <button
                      type="button"
                      class="secondary"
                      aria-label={t(rule.enabled ? "disableRule" : "enableRule", { name: rule.name })}
                      onClick={() => toggle(rule)}
                    >
                      {rule.enabled ? t("disable") : t("enable")}
                    </button>
                  </td>
                  <td>
                    <a
                      href={`/automation/rules/${rule.id}/runs`}
                      aria-label={t("runLogOf", { name: rule.name })}
                    >
                      {t("runLog")}
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
    </section>
  );
}
