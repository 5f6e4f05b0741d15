// The deployment's settings: the same /config.json the local gateway answers and the deploy
// writes next to the app in AWS.
export interface AppConfig {
  apiUrl: string;
  region: string;
  userPoolId: string;
  appClientId: string;
  cognitoEndpoint: string;
}

export async function loadConfig(): Promise<AppConfig> {
  const response = await fetch("/config.json", { cache: "no-store" });
  if (!response.ok) throw new Error(`Nestling's settings could not be loaded (${response.status}).`);
  const config = (await response.json()) as AppConfig;
  for (const key of ["apiUrl", "region", "userPoolId", "appClientId", "cognitoEndpoint"] as const) {
    if (typeof config[key] !== "string" || config[key] === "") throw new Error(`Nestling's settings lack ${key}.`);
  }
  return config;
}
