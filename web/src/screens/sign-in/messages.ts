import { defineMessages } from "../../i18n/i18n";

export const messages = defineMessages(
  {
    title: "Вход в Воронку",
    email: "Эл. почта",
    password: "Пароль",
    submit: "Войти",
    submitting: "Входим…",
    wrongCredentials: "Неверная почта или пароль.",
  },
  {
    title: "Sign in to Voronka",
    email: "E-mail",
    password: "Password",
    submit: "Sign in",
    submitting: "Signing in…",
    wrongCredentials: "Wrong e-mail or password.",
  },
);
