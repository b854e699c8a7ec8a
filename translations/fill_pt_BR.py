#!/usr/bin/python3
"""Fills translations/vines_pt_BR.ts (made by lupdate) with the Brazilian Portuguese texts below.
Run after `lupdate views app -ts translations/vines_pt_BR.ts`; untranslated texts stay in English."""
import sys
import xml.etree.ElementTree as ET

PT = {
    "New": "Novo", "Fit": "Ajustar", "&API": "&API", "Role": "Papel", "Heal": "Recuperar", "Form": "Formato", "Item": "Item",
    "Stop": "Parar", "Save": "Salvar", "Undo": "Desfazer", "Copy": "Copiar", "Name": "Nome", "Path": "Caminho", "time": "tempo",
    "Redo": "Refazer", "none": "nenhum", "Last": "Último", "Logs…": "Registros…", "alarm": "alarme", "&View": "&Exibir",
    "Name:": "Nome:", "Value": "Valor", "NS %1": "NS %1", "&Dark": "&Escuro", "&Quit": "&Sair", "Role:": "Papel:", "&File": "&Arquivo",
    "State": "Estado", "Chain": "Cadeia", "Start": "Iniciar", "Pause": "Pausar", "&Help": "Aj&uda", "Revoke": "Revogar",
    "States": "Estados", "&Cloud": "&Nuvem", " lines": " linhas", "Health": "Saúde", "Alarms": "Alarmes", "Layout": "Leiaute",
    "Enable": "Habilitar", "Delete": "Excluir", "egress": "saída", "Follow": "Acompanhar", "&Light": "&Claro", "direct": "direto",
    "Filter": "Filtrar", "Chains": "Cadeias", "Clouds": "Nuvens", "Active": "Ativo", "deleted": "excluída", "Arrange": "Organizar",
    "console": "console", "Catalog": "Catálogo", " Name: ": " Nome: ", "CA file": "Arquivo da CA", "Disable": "Desabilitar",
    "API URL": "URL da API", "Zoom in": "Ampliar", "Archive": "Arquivo", "NF type": "Tipo de NF", "API key": "Chave da API",
    "stop it": "pará-la", "Redo %1": "Refazer %1", "ingress": "entrada", "Package": "Pacote", "nothing": "nada", "Created": "Criado",
    "Refresh": "Atualizar", "Cleared": "Resolvido", "Product": "Produto", "Undo %1": "Desfazer %1", "arrange": "organizar",
    "Version": "Versão", "unknown": "desconhecido", "Clouds…": "Nuvens…", "Stop %1?": "Parar %1?", "VNF name": "Nome da VNF",
    "no token": "sem token", "Heal VNF": "Recuperar VNF", "Provider": "Fornecedor", "Wrote %1": "%1 gravado", "Manifest": "Manifesto",
    "Platform": "Plataforma", "Zoom out": "Reduzir", "Stop VNF": "Parar VNF", "Failures": "Falhas", "Saved %1": "%1 salvo",
    "Onboard…": "Incorporar…", "Artifacts": "Artefatos", "fetching…": "buscando…", "Terminate": "Encerrar", "Stored at": "Guardado em",
    "Log of %1": "Registro de %1", "Roll back": "Reverter", "Dashboard": "Painel", "Operation": "Operação", "last hour": "última hora",
    "(gone) %1": "(removida) %1", "Go to VNF": "Ir para a VNF", "read-only": "somente leitura", "About &Qt": "Sobre o &Qt",
    "Defined in": "Definido em", "Dashboards": "Painéis", "Export NSD": "Exportar NSD", "Created by": "Criado por",
    "Secret key": "Chave secreta", "Operations": "Operações", "Failed: %1": "Falhou: %1", "Descriptor": "Descritor",
    "New design": "Novo projeto", "Export %1…": "Exportar %1…", "read-write": "leitura e escrita", "%1: memory": "%1: memória",
    "data plane": "plano de dados", " (default)": " (padrão)", "throughput": "vazão", "NS catalog": "Catálogo de NS",
    "VNF catalog": "Catálogo de VNFs", "Export CSV…": "Exportar CSV…", "Acknowledge": "Reconhecer", "&Appearance": "A&parência",
    "last minute": "último minuto", "Imported %1": "%1 importado", "Testing %1…": "Testando %1…", "Exported %1": "%1 exportado",
    "Measured %1": "%1 medido", "Active only": "Somente ativos", "Diverted by": "Desviado por", "Instantiate": "Instanciar",
    "Stop probes": "Parar sondas", "Export NSD…": "Exportar NSD…", "Import NSD…": "Importar NSD…", "Instantiate…": "Instanciar…",
    "SFC designer": "Editor de SFC", "Running VNFs": "VNFs em execução", "Create token": "Criar token", "terminate it": "encerrá-la",
    "Start probes": "Iniciar sondas", "Not serving.": "Não está servindo.", "CSAR version": "Versão do CSAR",
    "Onboarded %1": "%1 incorporado", "Switch cloud": "Trocar de nuvem", "VNF packages": "Pacotes de VNF",
    "Create token…": "Criar token…", "Not saved: %1": "Não salvo: %1", "&Reset layout": "&Restaurar leiaute",
    "Virtual links": "Enlaces virtuais", "VNF lifecycle": "Ciclo de vida da VNF", "on the canvas": "na tela",
    "classifier %1": "classificador %1", "Terminate VNF": "Encerrar VNF", "Vines Console": "Vines Console",
    "the local VIM": "o VIM local", "Compare chains": "Comparar cadeias", "Public address": "Endereço público",
    "forwards to %1": "encaminha para %1", "Delete package": "Excluir pacote", "Open dashboard": "Abrir painel",
    "Last operation": "Última operação", "Default config": "Configuração padrão", "last 10 minutes": "últimos 10 minutos",
    "Virtual storage": "Armazenamento virtual", "Package deleted": "Pacote excluído", "Network service": "Serviço de rede",
    "VNFs run on: %1": "As VNFs executam em: %1", "Test connection": "Testar conexão", "Nothing to redo": "Nada a refazer",
    "Nothing to undo": "Nada a desfazer", "Instantiate VNF": "Instanciar VNF", "Scaling aspects": "Aspectos de escala",
    "Compute flavour": "Sabor de computação", "Demo stopped: %1": "Demonstração interrompida: %1",
    "Open in designer": "Abrir no editor", "Network service:": "Serviço de rede:", "Operation %1: %2": "Operação %1: %2",
    "Onboarding notes": "Notas da incorporação", "Chain comparison": "Comparação de cadeias", "Network services": "Serviços de rede",
    "Not imported:\n%1": "Não importado:\n%1", "e.g. ci-pipeline": "p. ex. ci-pipeline", "Software version": "Versão do software",
    "Entry definitions": "Definições de entrada", "Connection points": "Pontos de conexão", "%1 forwards to %2": "%1 encaminha para %2",
    "Save to NS catalog": "Salvar no catálogo de NS", "Delete VNF records": "Excluir registros de VNF",
    "Deployment flavour": "Sabor de implantação", "Open VNF dashboard": "Abrir painel da VNF", "Open SFC dashboard": "Abrir painel da SFC",
    "Alarms (%1 active)": "Alarmes (%1 ativos)", "its public address": "seu endereço público", "Chain measurements": "Medições da cadeia",
    "Access and tokens…": "Acesso e tokens…", "Keyboard shortcuts": "Atalhos de teclado", "Deployment flavours": "Sabores de implantação",
    "Follow the &desktop": "Seguir a área de &trabalho", "Throughput (Mbit/s)": "Vazão (Mbit/s)",
    "Export to directory": "Exportar para diretório", "About Vines Console": "Sobre o Vines Console",
    "Onboard VNF Package": "Incorporar pacote de VNF", "%1 VNFs, %2 started": "%1 VNFs, %2 iniciadas",
    "Instantiation level": "Nível de instanciação", "Rotate agent secret": "Trocar o segredo do agente",
    "&Keyboard shortcuts": "Atalhos de &teclado", "Export measurements": "Exportar medições",
    "&About Vines Console": "&Sobre o Vines Console", "Instantiation levels": "Níveis de instanciação",
    "Give the VNF a name.": "Dê um nome à VNF.", "Delete cloud profile": "Excluir perfil de nuvem",
    "Drag onto the canvas": "Arraste para a tela", "Export Tacker VNFFGD": "Exportar VNFFGD do Tacker",
    "Import NSD or VNFFGD": "Importar NSD ou VNFFGD", "Deployment flavour %1": "Sabor de implantação %1",
    "Select a VNF instance": "Selecione uma instância de VNF", "Retry the failed step": "Repetir o passo que falhou",
    "Export Tacker VNFFGD…": "Exportar VNFFGD do Tacker…", "Northbound API access": "Acesso à API northbound",
    "Could not save %1: %2": "Não foi possível salvar %1: %2", "Delete from the design": "Excluir do projeto",
    "Run VNFs on this cloud": "Executar VNFs nesta nuvem", "Cannot instantiate: %1": "Não é possível instanciar: %1",
    "VNF execution platform": "Plataforma de execução de VNF", "Could not write %1: %2": "Não foi possível gravar %1: %2",
    "NF configuration (JSON)": "Configuração da NF (JSON)", "Filter alarms (Ctrl+F)…": "Filtrar alarmes (Ctrl+F)…",
    "Compare selected chains": "Comparar as cadeias selecionadas", "select a network service": "selecione um serviço de rede",
    "Fail (leave it as it is)": "Falhar (deixar como está)", "Latency percentiles (ms)": "Percentis de latência (ms)",
    "%1 was not onboarded:\n%2": "%1 não foi incorporado:\n%2", "Delete the records of %1?": "Excluir os registros de %1?",
    "TOSCA YAML (*.yaml *.yml)": "TOSCA YAML (*.yaml *.yml)", "that VNF no longer exists": "essa VNF não existe mais",
    "Filter packages (Ctrl+F)…": "Filtrar pacotes (Ctrl+F)…", "Run VNFs on the local VIM": "Executar VNFs no VIM local",
    "Cannot instantiate %1: %2": "Não é possível instanciar %1: %2", "Terminate network service": "Encerrar serviço de rede",
    "VNFs run on: the local VIM": "As VNFs executam em: o VIM local", "Import cloudmonkey config…": "Importar configuração do cloudmonkey…",
    "Saved %1 to the NS catalog": "%1 salvo no catálogo de NS", "External connection points": "Pontos de conexão externos",
    "could not fetch the log: %1": "não foi possível obter o registro: %1", "Delete this forwarding step": "Excluir este passo de encaminhamento",
    "Network service %1: %2 — %3": "Serviço de rede %1: %2 — %3", "Latency CDF by chain length": "CDF da latência por tamanho da cadeia",
    "Latency CDF (last %1 probes)": "CDF da latência (últimas %1 sondas)", "Latency through %1 (%2 VNFs)": "Latência através de %1 (%2 VNFs)",
    "egress: drag to the next VNF": "saída: arraste até a próxima VNF", "Verify the server certificate": "Verificar o certificado do servidor",
    "Measure latency && throughput": "Medir latência e vazão", "Northbound API not served: %1": "API northbound não servida: %1",
    "Other nodes and policies (kept)": "Outros nós e políticas (mantidos)", "A VNF named '%1' already exists.": "Já existe uma VNF chamada '%1'.",
    "Network service operation %1: %2": "Operação do serviço de rede %1: %2", "Select one VNF instance for this": "Selecione uma instância de VNF para isto",
    "Instantiating network service %1…": "Instanciando o serviço de rede %1…", "VNF CPU (EMS performance monitor)": "CPU da VNF (monitor de desempenho do EMS)",
    "Delete the package from the catalog": "Excluir o pacote do catálogo", "Could not acknowledge the alarm: %1": "Não foi possível reconhecer o alarme: %1",
    "Chain: public address → router → %1": "Cadeia: endereço público → roteador → %1", "It was not saved to the NS catalog.": "Ele não foi salvo no catálogo de NS.",
    "Configuration must be a JSON object.": "A configuração deve ser um objeto JSON.", "The package is used by VNF instances": "O pacote é usado por instâncias de VNF",
    "Fetch the log again every two seconds": "Buscar o registro de novo a cada dois segundos",
    "Disable the package before deleting it": "Desabilite o pacote antes de excluí-lo", "Its saved NSD stays in the NS catalog.": "O NSD salvo permanece no catálogo de NS.",
    "Throughput (bulk TCP through the chain)": "Vazão (TCP em massa pela cadeia)", "The design is not a valid chain yet: %1": "O projeto ainda não é uma cadeia válida: %1",
    "that package is no longer in the catalog": "esse pacote não está mais no catálogo", "VNF": "VNF", "VNFs": "VNFs", "Stop probes ": "Parar sondas ",
    "Filter operations: VNF, operation, state, error… (Ctrl+F)": "Filtrar operações: VNF, operação, estado, erro… (Ctrl+F)",
    "Filter VNFs by any column: name, state, package, address… (Ctrl+F)": "Filtrar VNFs por qualquer coluna: nome, estado, pacote, endereço… (Ctrl+F)",
    "Filter NSDs and network services: name, state, health, address, VNF… (Ctrl+F)": "Filtrar NSDs e serviços de rede: nome, estado, saúde, endereço, VNF… (Ctrl+F)",
    "Serve the northbound API (SOL003/SOL005 REST) while the console runs": "Servir a API northbound (REST SOL003/SOL005) enquanto o console executa",
    "Tokens (scripts send one as X-Auth-Token; read-only tokens may only read):": "Tokens (scripts enviam um como X-Auth-Token; tokens somente leitura apenas leem):",
    "A new token appears here once; copy it now": "Um novo token aparece aqui uma única vez; copie-o agora",
    "Severity": "Severidade", "Alarm": "Alarme", "Raised": "Levantado", "Ack": "Reconhecido", "Description": "Descrição",
    "Instantiation": "Instanciação", "VNF state": "Estado da VNF", "NF status": "Situação da NF", "Flavour": "Sabor",
    "VIM / instance": "VIM / instância", "Management address": "Endereço de gerência", "Progress": "Progresso", "Step": "Passo",
    "Started": "Iniciada", "Ended": "Terminada", "By": "Por", "Error": "Erro", "Operational": "Operacional", "Usage": "Uso",
    "Onboarded": "Incorporado", "VNF-ExP": "VNF-ExP",

    # Second pass: the longer messages and the technical ones that keep their terms.
    "in": "entrada", "out": "saída", "yes": "sim", "stored": "guardado", "VNF:": "VNF:", "&VNF": "&VNF", "VDUs": "VDUs",
    " VNFs": " VNFs", "CPU %": "CPU %", "%1:%2": "%1:%2", "p50 ms": "p50 ms", "p95 ms": "p95 ms", "p99 ms": "p99 ms",
    "RTT ms": "RTT ms", "Mbit/s": "Mbit/s", "VNF %1": "VNF %1", "%1: %2": "%1: %2", "add %1": "adicionar %1", "SFC %1": "SFC %1",
    "%1 × %2": "%1 × %2", "%1 (%2)": "%1 (%2)", "bytes/s": "bytes/s", "p50–p99": "p50–p99", "SHA-256": "SHA-256",
    "move %1": "mover %1", "VIM: %1": "VIM: %1", "RSS KiB": "RSS KiB", "%1: CPU": "%1: CPU", "bulk TCP": "TCP em massa",
    "%1 GB %2": "%1 GB %2", "packets/s": "pacotes/s", ", image %1": ", imagem %1", "; skipped ": "; ignorados ",
    "Deploys %1.": "Implanta %1.", "CSV (*.csv)": "CSV (*.csv)", ", storage %1": ", armazenamento %1",
    "%1 (%2 VNFs)": "%1 (%2 VNFs)", "fraction ≤ x": "fração ≤ x", "Imported %1%2": "%1%2 importado", "Scales by %1.": "Escala por %1.",
    "VR agent secret": "Segredo do agente do VR", "connect %1 → %2": "conectar %1 → %2", "internal link %1": "enlace interno %1",
    "max level %1; %2": "nível máximo %1; %2", "Onboarding %1: %2": "Incorporando %1: %2", "%1 %2 by %3, on %4": "%1 %2 de %3, em %4",
    "cloudmonkey config": "configuração do cloudmonkey", "on %1, link %2 (%3)": "em %1, enlace %2 (%3)",
    "%1 (up to level %2)": "%1 (até o nível %2)", "%1: bytes per second": "%1: bytes por segundo", "API (%1): %2 %3 → %4": "API (%1): %2 %3 → %4",
    "Scale by aspect (%1)": "Escalar por aspecto (%1)", "%1: packets per second": "%1: pacotes por segundo",
    "cannot place this here": "não é possível colocar isto aqui", "%1:%2 — last RTT %3 ms": "%1:%2 — último RTT %3 ms",
    "VNF packets in per second": "Pacotes de entrada da VNF por segundo", "TOSCA-Metadata/TOSCA.meta": "TOSCA-Metadata/TOSCA.meta",
    "Scale %1 in (level %2 → %3)": "Reduzir %1 (nível %2 → %3)", "no TOSCA-Metadata (root YAML)": "sem TOSCA-Metadata (YAML na raiz)",
    "%1: %2 of the %3 selected VNFs": "%1: %2 das %3 VNFs selecionadas", " (every file's digest verified)": " (resumo de cada arquivo verificado)",
    "(the flavour declares no levels)": "(o sabor não declara níveis)", "Scale %1 out (level %2 → %3 of %4)": "Ampliar %1 (nível %2 → %3 de %4)",
    "optional: PEM file of a CA to trust": "opcional: arquivo PEM de uma CA confiável",
    "this NF cannot forward: it ends the chain": "esta NF não encaminha: ela termina a cadeia",
    "Open the live dashboard of the alarm's VNF": "Abrir o painel ao vivo da VNF do alarme",
    "VNF Packages (*.csar *.zip);;All files (*)": "Pacotes de VNF (*.csar *.zip);;Todos os arquivos (*)",
    "Heal the alarm's VNF (rebuilds its platform)": "Recuperar a VNF do alarme (reconstrói sua plataforma)",
    "Network service %1 runs: send traffic to %2:%3": "O serviço de rede %1 está no ar: envie tráfego para %2:%3",
    "Mark the selected alarm as seen by an operator": "Marcar o alarme selecionado como visto por um operador",
    " (listed digests match; not every file listed)": " (os resumos listados conferem; nem todo arquivo está listado)",
    "Serving at %1 — e.g. %1/vnflcm/v1/vnf_instances": "Servindo em %1 — p. ex. %1/vnflcm/v1/vnf_instances",
    "Configuration is not valid JSON at offset %1: %2": "A configuração não é JSON válido na posição %1: %2",
    "Demo packages not found next to the console binary": "Pacotes de demonstração não encontrados junto ao binário do console",
    "Demo: catalog ready; existing network services kept": "Demonstração: catálogo pronto; serviços de rede existentes mantidos",
    "the VINES_LEAF_SECRET the VR's agent was set up with": "o VINES_LEAF_SECRET com que o agente do VR foi configurado",
    "A VNF name is 1-64 letters, digits, '.', '_' or '-'.": "Um nome de VNF tem de 1 a 64 letras, dígitos, '.', '_' ou '-'.",
    "Lay the chain out left to right on the grid (undoable)": "Dispor a cadeia da esquerda para a direita na grade (pode ser desfeito)",
    "%1: %2 vCPU, %3 MB, %4..%5 instances (initially %6)%7%8": "%1: %2 vCPU, %3 MB, %4..%5 instâncias (inicialmente %6)%7%8",
    "Revoke token '%1'? Scripts using it are refused from now on.": "Revogar o token '%1'? Scripts que o usam passam a ser recusados.",
    "No enabled package in the catalog: onboard or enable one first.": "Nenhum pacote habilitado no catálogo: incorpore ou habilite um primeiro.",
    "Secret keys are kept in: %1. Leave empty to keep the stored one.": "As chaves secretas ficam em: %1. Deixe vazio para manter a guardada.",
    "VNFs will run on %1 from the next start. Restart the console now?": "As VNFs executarão em %1 a partir da próxima partida. Reiniciar o console agora?",
    "Cloud profile '%1' cannot be used (%2); VNFs run on the local VIM.": "O perfil de nuvem '%1' não pode ser usado (%2); as VNFs executam no VIM local.",
    "Select the alarm's VNF in the VNFs tab (or double-click the alarm)": "Selecionar a VNF do alarme na aba VNFs (ou clique duas vezes no alarme)",
    "Onboard a VNF Package (.csar or .zip); you can also drop files on the window": "Incorporar um pacote de VNF (.csar ou .zip); também é possível soltar arquivos na janela",
    "A virtual router VNF, managed through the EMS, sends %1:%2 to the first VNF.": "Uma VNF de roteador virtual, gerida pelo EMS, envia %1:%2 para a primeira VNF.",
    "Terminate %1? Each NF is stopped gracefully, then its VIM instance is destroyed.": "Encerrar %1? Cada NF é parada de forma ordenada e então sua instância no VIM é destruída.",
    "Demo chain ready: send TCP or UDP to %1:%2 (router → monitor → forwarder → echo)": "Cadeia de demonstração pronta: envie TCP ou UDP para %1:%2 (roteador → monitor → encaminhador → eco)",
    "The VIM's router sends %1:%2 to the first VNF by port forwarding rules (CloudStack API).": "O roteador do VIM envia %1:%2 para a primeira VNF por regras de redirecionamento de portas (API do CloudStack).",
    "Chain through the network's virtual router (admin accounts; the VR runs the Vines agent)": "Encadear pelo roteador virtual da rede (contas de administrador; o VR executa o agente Vines)",
    "Every VNF of the chain and its router are instantiated, started and without major alarms.": "Todas as VNFs da cadeia e seu roteador estão instanciados, iniciados e sem alarmes graves.",
    "kept, not composed: the NFVO builds the first forwarding path on the chain's public address": "mantido, não composto: o NFVO constrói o primeiro caminho de encaminhamento no endereço público da cadeia",
    "This account may not use the virtual router: uncheck 'Chain through the network's virtual router'.": "Esta conta não pode usar o roteador virtual: desmarque 'Encadear pelo roteador virtual da rede'.",
    "Delete the package %1 %2 (%3) from the catalog? Its archive is removed; it can be onboarded again.": "Excluir o pacote %1 %2 (%3) do catálogo? Seu arquivo é removido; ele pode ser incorporado de novo.",
    "Freeze the charts; data keeps being collected. Drag on a chart to zoom, right click to go back to live.": "Congelar os gráficos; os dados continuam sendo coletados. Arraste num gráfico para ampliar, clique com o botão direito para voltar ao vivo.",
    "Unchecked: each chain's public address is sent to its first VNF by CloudStack port forwarding rules, which the virtual router implements and every account may create.": "Desmarcado: o endereço público de cada cadeia é enviado para sua primeira VNF por regras de redirecionamento de portas do CloudStack, que o roteador virtual implementa e que qualquer conta pode criar.",
    "Delete the cloud profile %1 and the secret stored for it? VNFs already on that cloud keep running; the console can no longer manage them until a profile for it is made again.": "Excluir o perfil de nuvem %1 e o segredo guardado para ele? As VNFs já nessa nuvem continuam executando; o console não pode mais geri-las até que um perfil para ela seja criado de novo.",
    "<h3>Vines Console %1</h3><p>NFV management and orchestration (ETSI NFV-MANO) on Apache CloudStack and on this machine: a VNF Manager and an NFV Orchestrator, VNF Package onboarding (SOL004/SOL001), service function chains, live dashboards, and the vines-ems and vines-leaf daemons.</p><p>Qt %2</p>": "<h3>Vines Console %1</h3><p>Gerência e orquestração de NFV (ETSI NFV-MANO) no Apache CloudStack e nesta máquina: um gerente de VNFs e um orquestrador de NFV, incorporação de pacotes de VNF (SOL004/SOL001), cadeias de funções de serviço, painéis ao vivo e os daemons vines-ems e vines-leaf.</p><p>Qt %2</p>",
    "NSD": "NSD", "VNFM": "VNFM",
    "Retry": "Repetir", "Restart": "Reiniciar", "Scale": "Escalar", "Scale…": "Escalar…", "Logs": "Registros",
    "%1 · kernel": "%1 · kernel", "%1 · relay": "%1 · relay",
    "Data path: the kernel forwards this VNF's traffic (nftables DNAT), no copy in the agent.":
        "Caminho de dados: o kernel encaminha o tráfego desta VNF (DNAT do nftables), sem cópia no agente.",
    "Data path: a splice(2) relay in the agent.": "Caminho de dados: um repasse splice(2) no agente.",
}

# Plural messages (%n): Brazilian Portuguese's two forms, one and many.
PT_PLURAL = {
    "delete %n item(s)": ("excluir %n item", "excluir %n itens"),
    "Connected: %n zone(s): %1": ("Conectado: %n zona: %1", "Conectado: %n zonas: %1"),
    "None of the %n selected VNFs can do this now": ("A VNF selecionada não pode fazer isto agora", "Nenhuma das %n VNFs selecionadas pode fazer isto agora"),
    "%n VNFs (%1)": ("%n VNF (%1)", "%n VNFs (%1)"),
    "Terminate network service %1? Its %n VNF(s) (%2) are terminated and deleted and %3 stops answering.":
        ("Encerrar o serviço de rede %1? Sua %n VNF (%2) é encerrada e excluída e %3 deixa de responder.",
         "Encerrar o serviço de rede %1? Suas %n VNFs (%2) são encerradas e excluídas e %3 deixa de responder."),
    "Discard the design %1 (%n VNF(s), %2 forwarding step(s)) and its undo history? %3":
        ("Descartar o projeto %1 (%n VNF, %2 passo(s) de encaminhamento) e seu histórico de desfazer? %3",
         "Descartar o projeto %1 (%n VNFs, %2 passo(s) de encaminhamento) e seu histórico de desfazer? %3"),
    "move %n VNF(s)": ("mover %n VNF", "mover %n VNFs"),
    "%n line(s) at %1": ("%n linha às %1", "%n linhas às %1"),
}


def main(path):
    tree = ET.parse(path)
    done = 0
    for msg in tree.getroot().iter('message'):
        src = msg.find('source').text or ''
        tr = msg.find('translation')
        if msg.get('numerus') == 'yes':
            if src in PT_PLURAL:
                for child in list(tr):
                    tr.remove(child)
                tr.text = None
                for form in PT_PLURAL[src]:
                    ET.SubElement(tr, 'numerusform').text = form
                tr.attrib.pop('type', None)
                done += 1
            continue
        if src in PT:
            tr.text = PT[src]
            tr.attrib.pop('type', None)
            done += 1
    tree.write(path, encoding='utf-8', xml_declaration=True)
    print('%d of %d messages translated' % (done, len(list(tree.getroot().iter('message')))))


main(sys.argv[1] if len(sys.argv) > 1 else 'translations/vines_pt_BR.ts')
