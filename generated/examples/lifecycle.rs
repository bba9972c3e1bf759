//! An instance's whole life with Microsoft Dynamics CRM (custom authentication, one
//! of its two variants): provision, list, rename, delete. Every argument is named.
//!
//! ```sh
//! ELEMENTS_USER_SECRET=... ELEMENTS_ORGANIZATION_SECRET=... DYNAMICS_USER=... DYNAMICS_PASSWORD=... \
//! cargo run -p elements --example lifecycle -- https://api.cloud-elements.com/elements/api-v2
//! ```

use elements::dynamicscrmadfs::{CustomConfig, CustomInstance};
use elements::{Client, InstancePatch};

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

pub async fn run(client: &Client, user: &str, password: &str) -> Result<()> {
    let config = CustomConfig::builder().user_username(user).user_password(password);
    let config = config.dynamics_tenant("yourcompanyname.crm.dynamics.com").build();
    let request = CustomInstance::builder().name("Dynamics CRM").config(config);
    let created = client.create_instance(&request.with_tags(["crm"]).build()).await?;
    for instance in client.list_instances().await? {
        println!("{} {} ({})", instance.id, instance.name, instance.element.key);
    }
    let renamed = InstancePatch::new().with_name("Dynamics CRM (production)");
    client.patch_instance(created.id, &renamed).await?;
    client.delete_instance(created.id).await?;
    Ok(())
}

#[tokio::main]
async fn main() -> Result<()> {
    let env = |name: &str| std::env::var(name).map_err(|_| format!("set {name}"));
    let base_url = std::env::args().nth(1).ok_or("usage: lifecycle API_ROOT")?.parse()?;
    let (user, org) = (env("ELEMENTS_USER_SECRET")?, env("ELEMENTS_ORGANIZATION_SECRET")?);
    let client = Client::builder(user, org).base_url(base_url).build()?;
    run(&client, &env("DYNAMICS_USER")?, &env("DYNAMICS_PASSWORD")?).await
}
