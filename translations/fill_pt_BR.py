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
    "Retry": "Repetir", "Restart": "Reiniciar", "Scale": "Escalar", "Scale…": "Escalar…", "Logs": "Registros",
}


def main(path):
    tree = ET.parse(path)
    done = 0
    for msg in tree.getroot().iter('message'):
        src = msg.find('source').text or ''
        tr = msg.find('translation')
        if src in PT:
            if msg.get('numerus') == 'yes':
                continue
            tr.text = PT[src]
            tr.attrib.pop('type', None)
            done += 1
    tree.write(path, encoding='utf-8', xml_declaration=True)
    print('%d of %d messages translated' % (done, len(list(tree.getroot().iter('message')))))


main(sys.argv[1] if len(sys.argv) > 1 else 'translations/vines_pt_BR.ts')
